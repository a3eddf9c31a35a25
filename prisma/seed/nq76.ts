/**
 * The seed directive (prisma/seed/chi-dao-trien-khai-nq76-thanh-pho-ha-tinh.txt) structured by hand:
 * two sections, ten tasks, with the lead units, deadlines, recurrences and collective addressees
 * a reader takes from the text. Texts are verbatim (glued words included). The directive import
 * (lib/domain/directive) must reproduce this.
 *
 * Choices a reader makes: tasks with no named unit are addressed to every unit (collective ALL);
 * I.2's "phối hợp với các phòng, ban, ngành thành phố, các đơn vị, phường, xã" makes every other
 * unit a coordinator; I.6 is monthly ("họp giao ban định kỳ hàng tháng"); the outside bodies of I.8
 * (radio, newspaper, portal) are partners, not users, so only the lead is assigned.
 */
import type { SeedSection } from './types';

export const NQ76_SECTIONS: SeedSection[] = [
  {
    numeral: 'I',
    title: 'Về công tác chỉ đạo, quán triệt thực hiện Nghị quyết 76',
    tasks: [
      {
        number: '1',
        title: 'Quán triệt Nghị quyết số 76/NQ-CP đến toàn thể cán bộ, công chức, viên chức',
        text: 'Quán triệt Nghị quyết số 76/NQ-CP bằng các hình thức phù hợp đến tất cả cán bộ, công chức, viên chức thuộc phạm vi quản lý, đảm bảo đầy đủ, đúng quy định và thực hiện nghiêm túc công tác phòng chống dịch Covid - 19 trong giai đoạn hiện nay, hoàn thành trước 15/9/2021.',
        collective: 'ALL',
        dueDate: '2021-09-15',
        recurrence: 'ONCE',
      },
      {
        number: '2',
        title: 'Tham mưu xây dựng Chương trình tổng thể CCHC giai đoạn 2021-2030',
        text: 'Giao phòng Nội vụ chủ trì, phối hợp với các phòng, ban, ngành thành phố, các đơn vị, phường, xã có liên quan căn cứ Nghị quyết số 76/NQ-CP, văn bản chỉ đạo của Bộ Nội vụ, của tỉnh và điều kiện, yêu cầu thực tiễn của thành phố để tham mưu UBND thành phố xây dựng Chương trình tổng thể CCHC nhà nước tỉnh Hà Tĩnh giai đoạn 2021-2030.',
        lead: 'NV',
        coordinating: 'ALL_OTHERS',
        recurrence: 'ONCE',
      },
      {
        number: '3',
        title: 'Đề xuất đề án, nội dung trọng tâm đưa vào Chương trình tổng thể CCHC',
        text: 'Người đứng đầu các đơn vị, địa phương dám nghĩ, dám làm, tư duy đổi mới, sáng tạo, mạnh dạn đề xuất các đề án, nội dung trọng tâm mà đơn vi/địa phương chủ trì để đưa vào Chương trình tổng thể CCHC giai đoạn 2021-2030 của thành phố đảm bảo chất lượng, hiệu quả, góp phần hoàn thành thắng lợi các mục tiêu kinh tế - xã hội của thành phố giai đoạn 10 năm tới và hoàn thành các mục tiêu, chỉ tiêu tại Nghị quyết số 76; chịu trách nhiệm trước Ủy ban nhân dân thành phố, Chủ tịch UBND thành phố về kết quả, tiến độ thực hiện nhiệm vụ cải cách hành chính được giao.',
        collective: 'ALL',
        recurrence: 'ONCE',
      },
      {
        number: '4',
        title: 'Tham mưu ban hành văn bản, chỉ thị đẩy mạnh cải cách hành chính',
        text: 'Căn cứ vào điều kiện thực tiễn đơn vị, địa phương tham mưu cho cấp ủy cùng cấp hoặc Ủy ban nhân dân thành phố ban hành các văn bản, chỉ thị để chỉ đạo đẩy mạnh cải cách hành chính thuộc ngành, lĩnh vực và phạm vi quản lý, bảo đảm kịp thời, thiết thực và hiệu quả.',
        collective: 'ALL',
        recurrence: 'ONCE',
      },
      {
        number: '5',
        title: 'Thí điểm, nhân rộng sáng kiến, mô hình cải cách mới',
        text: 'Đẩy mạnh nghiên cứu, triển khai áp dụng thí điểm các sáng môhình cải cách mới và các giải pháp có tính đột phá để nâng cao hiệu tạo chuyển biến rõ nét trong thực hiện cải cách hành chính tại đơn vị, địa phương. Nhân rộng việc áp dụng các sáng kiến, mô hình, giải pháp thiết thực, có hiệu quảcao.',
        collective: 'ALL',
        recurrence: 'CONTINUOUS',
      },
      {
        number: '6',
        title: 'Kiểm tra, đôn đốc; đưa CCHC vào giao ban hàng tháng',
        text: 'Tăng cường công tác kiểm tra, đôn đốc, theo dõi đánh giá việc triển khai côngtáccảicáchhànhchính theo thẩm quyền. Thường xuyên quán triệt việc thực hiện nhiệm vụ cải cách hành chính tại các cơ quan, đơn vị trực thuộc; đưa chuyên đề cải cách hành chính vào thảo luận, quán triệt tại các cuộc họp giao ban định kỳ hàng tháng của đơn vị, địa phương. Siết chặt kỷ luật, kỷ cương trong tổ chức triển khai các nhiệm vụ cải cách hành chính.',
        collective: 'ALL',
        recurrence: 'MONTHLY',
      },
      {
        number: '7',
        title: 'Thông tin, tuyên truyền về Chương trình tổng thể CCHC',
        text: 'Đẩy mạnh thông tin, tuyên truyền một cách sâu rộng về tiêu, ý nghĩa và các nội dung, nhiệm vụ, giải pháp, kết quả thực hiện Chương trình đến cán bộ, công chức, viên chức, người dân, doanh nghiệp và toàn xã Thường xuyên rà soát, đổi mới công tác thông tin, tuyên truyền, bảo đảm nội dung đa dạng, hình thức phong phú và phù hợp với từng nhóm đối tượng cụthể.',
        collective: 'ALL',
        recurrence: 'CONTINUOUS',
      },
      {
        number: '8',
        title: 'Chỉ đạo tuyên truyền Nghị quyết 76 trên báo chí, phát thanh, cổng thông tin',
        text: 'Phòng văn hóa - thông tin chỉ đạo, phối hợp với Trung tâm văn hóa – truyền thông Đài Phát thanh và Truyền hình tỉnh, Báo Hà Tĩnh, Cổng thông tin điện tử tỉnh.\n\nThực hiện tuyên tuyên truyền bằng các hình thức phong phú, đa dạng để cán bộ, công chức, viên chức và người dân, doanh nghiệp nắm bắt được các nội dung cốt lõi của Nghị quyết số 76/NQ-CP của Chính phủ về chương trình tổng thể CCHC giai đoạn 2021-2030.',
        lead: 'VHTT',
        recurrence: 'CONTINUOUS',
      },
    ],
  },
  {
    numeral: 'II',
    title: 'Về bố trí nguồn lực thực hiện',
    tasks: [
      {
        number: '1',
        title: 'Bảo đảm kinh phí hàng năm thực hiện Chương trình',
        text: 'Các đơn vị, địa phương bảo đảm kinh phí hàng năm cho thực hiện Chương trình theo quy định của Luật Ngân sách nhà nước và các văn bản hướng dẫn thi hành.',
        collective: 'ALL',
        recurrence: 'YEARLY',
        reformArea: 'PUBLIC_FINANCE',
      },
      {
        number: '2',
        title: 'Bố trí công chức làm CCHC; đào tạo, bồi dưỡng hàng năm',
        text: 'Bố trí công chức, viên chức thực hiện công tác cải cách hành chính tại các cơ quan, đơn vị theo yêu cầu, tính chất công việc và danh mục vị trí việc làm của các cơ quan, đơn vị. Hàng năm, tăng cường đào tạo, bồi dưỡng, tập huấn kỹ năng, nghiệp vụ cho đội ngũ công chức thực hiện công tác cải cách hành chính để nâng cao chất lượng, hiệu quả triển khai thực hiện Chươngtrình tổng thể CCHC nhà nước giai đoạn 2021-2030.',
        collective: 'ALL',
        recurrence: 'YEARLY',
        reformArea: 'CIVIL_SERVICE',
      },
    ],
  },
];
